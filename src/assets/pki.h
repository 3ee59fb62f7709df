// PKI primitives on OpenSSL 3 EVP: key generation (ECDSA P-256 or RSA 2048), certificate
// issuance with the extensions Kubernetes and etcd check (SKI/AKI, keyUsage, EKU, SANs,
// random 128-bit serials), PEM encoding and the checks applied to a CA supplied by the user.
// Everything returns values; nothing here touches the file system.
// Thread safety: functions are independent and may be called from any thread.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assets/assets.h"
#include "util/result.h"

namespace tectonic::assets {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using PrivateKey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Certificate = std::unique_ptr<X509, X509Free>;

// What a certificate says about its subject and what it may be used for.
struct CertSpec {
  std::string common_name;
  std::vector<std::string> organizations;
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  bool is_ca = false;
  bool server_auth = false;
  bool client_auth = false;
  int validity_days = 365;
};

Result<PrivateKey> GenerateKey(KeyAlgorithm algorithm);
Result<PrivateKey> ParsePrivateKey(std::string_view pem);
Result<Certificate> ParseCertificate(std::string_view pem);
// PKCS#8 PEM (a "PRIVATE KEY" block).
Result<std::string> PrivateKeyPem(EVP_PKEY* key);
// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
Result<std::string> PublicKeyPem(EVP_PKEY* key);
Result<std::string> CertificatePem(X509* cert);

// Issues a certificate for subject_key. issuer_cert == nullptr means self-signed (issuer_key
// must then be subject_key).
Result<Certificate> IssueCertificate(const CertSpec& spec, EVP_PKEY* subject_key, X509* issuer_cert,
                                     EVP_PKEY* issuer_key);

// The checks a CA must pass before we sign with it: basicConstraints CA:TRUE, keyUsage with
// keyCertSign, the key matches the certificate, and it is valid now. `what` names it in errors.
Status CheckCaUsable(X509* ca, EVP_PKEY* key, std::string_view what);

bool KeyMatchesCertificate(X509* cert, EVP_PKEY* key);
// True when cert's signature verifies with ca's public key and its issuer name is ca's subject.
bool IssuedBy(X509* cert, X509* ca);
// True when cert still fits spec (same CN and SAN sets) and stays valid for at least 30 days.
bool CertificateFitsSpec(X509* cert, const CertSpec& spec);

std::string Sha512Hex(std::string_view data);
std::string Base64(std::string_view data);
// n characters drawn uniformly from alphabet with a CSPRNG.
Result<std::string> RandomString(size_t n, std::string_view alphabet);

}  // namespace tectonic::assets
