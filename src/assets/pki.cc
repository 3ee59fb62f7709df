#include "assets/pki.h"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tectonic::assets {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

// The OpenSSL error queue as text, emptied. It never contains key material.
std::string OpensslError() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

Status AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  if (ext == nullptr) {
    return Status::Internal(
        fmt::format("cannot build extension {}: {}", OBJ_nid2sn(nid), OpensslError()));
  }
  int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (!ok) return Status::Internal("cannot add extension: " + OpensslError());
  return Status::Ok();
}

Status SetRandomSerial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return Status::Internal("RAND_bytes failed");
  bytes[0] &= 0x7f;  // positive
  bytes[0] |= 0x01;  // and never shorter than 128 bits minus one
  BIGNUM* bn = BN_bin2bn(bytes, sizeof bytes, nullptr);
  ASN1_INTEGER* serial = bn ? BN_to_ASN1_INTEGER(bn, nullptr) : nullptr;
  BN_free(bn);
  if (serial == nullptr) return Status::Internal("cannot build serial: " + OpensslError());
  int ok = X509_set_serialNumber(cert, serial);
  ASN1_INTEGER_free(serial);
  return ok ? Status::Ok() : Status::Internal("cannot set serial");
}

std::set<std::string> SansOf(X509* cert) {
  std::set<std::string> out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      const ASN1_IA5STRING* s = name->d.dNSName;
      out.insert("DNS:" + std::string(reinterpret_cast<const char*>(s->data), s->length));
    } else if (name->type == GEN_IPADD) {
      const ASN1_OCTET_STRING* ip = name->d.iPAddress;
      char text[INET6_ADDRSTRLEN] = {0};
      int family = ip->length == 4 ? AF_INET : AF_INET6;
      if ((ip->length == 4 || ip->length == 16) && inet_ntop(family, ip->data, text, sizeof text)) {
        out.insert(std::string("IP:") + text);
      }
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

std::string CommonNameOf(X509* cert) {
  char buf[256] = {0};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf, sizeof buf);
  return buf;
}

}  // namespace

Result<PrivateKey> GenerateKey(KeyAlgorithm algorithm) {
  EVP_PKEY* key = algorithm == KeyAlgorithm::kRsa2048
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) return Status::Internal("key generation failed: " + OpensslError());
  return PrivateKey(key);
}

Result<PrivateKey> ParsePrivateKey(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) {
    ERR_clear_error();
    return Status::InvalidInput("not a PEM private key (or it is encrypted)");
  }
  return PrivateKey(key);
}

Result<Certificate> ParseCertificate(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (cert == nullptr) {
    ERR_clear_error();
    return Status::InvalidInput("not a PEM certificate");
  }
  return Certificate(cert);
}

Result<std::string> PrivateKeyPem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)) {
    return Status::Internal("cannot encode private key: " + OpensslError());
  }
  return BioText(bio.get());
}

Result<std::string> PublicKeyPem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PUBKEY(bio.get(), key)) {
    return Status::Internal("cannot encode public key: " + OpensslError());
  }
  return BioText(bio.get());
}

Result<std::string> CertificatePem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509(bio.get(), cert)) {
    return Status::Internal("cannot encode certificate: " + OpensslError());
  }
  return BioText(bio.get());
}

Result<Certificate> IssueCertificate(const CertSpec& spec, EVP_PKEY* subject_key, X509* issuer_cert,
                                     EVP_PKEY* issuer_key) {
  Certificate cert(X509_new());
  if (!cert) return Status::Internal("X509_new failed");
  X509* c = cert.get();
  X509_set_version(c, 2);  // v3
  TECTONIC_RETURN_IF_ERROR(SetRandomSerial(c));
  // Five minutes in the past so a node with a slightly late clock accepts it at once.
  X509_gmtime_adj(X509_getm_notBefore(c), -5 * 60);
  X509_gmtime_adj(X509_getm_notAfter(c), static_cast<long>(spec.validity_days) * 24 * 3600);

  X509_NAME* name = X509_get_subject_name(c);
  for (const auto& org : spec.organizations) {
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(org.c_str()), -1, -1, 0);
  }
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(c, issuer_cert ? X509_get_subject_name(issuer_cert) : name);
  if (!X509_set_pubkey(c, subject_key)) return Status::Internal("cannot set public key");

  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer_cert ? issuer_cert : c, c, nullptr, nullptr, 0);
  if (spec.is_ca) {
    TECTONIC_RETURN_IF_ERROR(AddExtension(c, &ctx, NID_basic_constraints, "critical,CA:TRUE"));
    TECTONIC_RETURN_IF_ERROR(
        AddExtension(c, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"));
  } else {
    TECTONIC_RETURN_IF_ERROR(AddExtension(c, &ctx, NID_basic_constraints, "critical,CA:FALSE"));
    bool rsa = EVP_PKEY_is_a(subject_key, "RSA");
    TECTONIC_RETURN_IF_ERROR(AddExtension(
        c, &ctx, NID_key_usage,
        rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"));
    std::vector<std::string> ekus;
    if (spec.server_auth) ekus.push_back("serverAuth");
    if (spec.client_auth) ekus.push_back("clientAuth");
    if (!ekus.empty()) {
      TECTONIC_RETURN_IF_ERROR(
          AddExtension(c, &ctx, NID_ext_key_usage, fmt::format("{}", fmt::join(ekus, ","))));
    }
  }
  TECTONIC_RETURN_IF_ERROR(AddExtension(c, &ctx, NID_subject_key_identifier, "hash"));
  if (issuer_cert != nullptr) {
    TECTONIC_RETURN_IF_ERROR(AddExtension(c, &ctx, NID_authority_key_identifier, "keyid:always"));
  } else {
    // Self-signed: the authority key id is our own subject key id.
    TECTONIC_RETURN_IF_ERROR(AddExtension(c, &ctx, NID_authority_key_identifier, "keyid"));
  }
  std::vector<std::string> sans;
  for (const auto& dns : spec.dns_names) sans.push_back("DNS:" + dns);
  for (const auto& ip : spec.ip_addresses) sans.push_back("IP:" + ip);
  if (!sans.empty()) {
    TECTONIC_RETURN_IF_ERROR(
        AddExtension(c, &ctx, NID_subject_alt_name, fmt::format("{}", fmt::join(sans, ","))));
  }
  if (X509_sign(c, issuer_key, EVP_sha256()) == 0) {
    return Status::Internal("cannot sign certificate: " + OpensslError());
  }
  return cert;
}

Status CheckCaUsable(X509* ca, EVP_PKEY* key, std::string_view what) {
  uint32_t flags = X509_get_extension_flags(ca);
  if (!(flags & EXFLAG_BCONS) || !(flags & EXFLAG_CA)) {
    return Status::InvalidInput(
        fmt::format("{} is not a CA certificate (basicConstraints CA:TRUE is missing); give a CA "
                    "certificate or leave it out to let tectonic create one",
                    what));
  }
  if ((flags & EXFLAG_KUSAGE) && !(X509_get_key_usage(ca) & KU_KEY_CERT_SIGN)) {
    return Status::InvalidInput(
        fmt::format("{} may not sign certificates (its keyUsage lacks keyCertSign)", what));
  }
  if (!KeyMatchesCertificate(ca, key)) {
    return Status::InvalidInput(
        fmt::format("the private key given for {} does not match its certificate", what));
  }
  if (X509_cmp_current_time(X509_get0_notAfter(ca)) <= 0) {
    return Status::InvalidInput(fmt::format("{} has expired; give a CA that is valid now", what));
  }
  if (X509_cmp_current_time(X509_get0_notBefore(ca)) >= 0) {
    return Status::InvalidInput(
        fmt::format("{} is not valid yet (notBefore is in the future)", what));
  }
  return Status::Ok();
}

bool KeyMatchesCertificate(X509* cert, EVP_PKEY* key) {
  EVP_PKEY* pub = X509_get0_pubkey(cert);
  bool match = pub != nullptr && EVP_PKEY_eq(pub, key) == 1;
  ERR_clear_error();
  return match;
}

bool IssuedBy(X509* cert, X509* ca) {
  if (X509_NAME_cmp(X509_get_issuer_name(cert), X509_get_subject_name(ca)) != 0) return false;
  EVP_PKEY* pub = X509_get0_pubkey(ca);
  bool ok = pub != nullptr && X509_verify(cert, pub) == 1;
  ERR_clear_error();
  return ok;
}

bool CertificateFitsSpec(X509* cert, const CertSpec& spec) {
  if (CommonNameOf(cert) != spec.common_name) return false;
  std::set<std::string> want;
  for (const auto& dns : spec.dns_names) want.insert("DNS:" + dns);
  for (const auto& ip : spec.ip_addresses) want.insert("IP:" + ip);
  if (SansOf(cert) != want) return false;
  time_t soon = time(nullptr) + 30L * 24 * 3600;
  return X509_cmp_time(X509_get0_notAfter(cert), &soon) > 0;
}

std::string Sha512Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha512(), nullptr);
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

std::string Base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::string> RandomString(size_t n, std::string_view alphabet) {
  std::string out;
  // Rejection sampling keeps every character equally likely.
  const unsigned limit = 256 - (256 % alphabet.size());
  while (out.size() < n) {
    unsigned char bytes[64];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return Status::Internal("RAND_bytes failed");
    for (unsigned char b : bytes) {
      if (b >= limit) continue;
      out += alphabet[b % alphabet.size()];
      if (out.size() == n) break;
    }
  }
  return out;
}

}  // namespace tectonic::assets
