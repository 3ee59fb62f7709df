// Internal to preflight: one function per requirement. Each is read-only against AWS, returns
// its CheckResult (id and title are filled in by the runner) and may record facts in the
// context for the checks that depend on it.
#pragma once

#include "preflight/context.h"

namespace tectonic::preflight {

// identity_checks.cc
CheckResult CheckCredentials(CheckContext& ctx);
CheckResult CheckIamPermissions(CheckContext& ctx);
// offline_checks.cc
CheckResult CheckLicense(CheckContext& ctx);
CheckResult CheckPullSecret(CheckContext& ctx);
CheckResult CheckNames(CheckContext& ctx);
// placement_checks.cc
CheckResult CheckRegion(CheckContext& ctx);
CheckResult CheckZones(CheckContext& ctx);
CheckResult CheckInstanceTypes(CheckContext& ctx);
CheckResult CheckSshKey(CheckContext& ctx);
CheckResult CheckAmi(CheckContext& ctx);
// service_checks.cc
CheckResult CheckKms(CheckContext& ctx);
CheckResult CheckHostedZone(CheckContext& ctx);
// dns_names_check.cc
CheckResult CheckDnsNames(CheckContext& ctx);
// quota_checks.cc
CheckResult CheckQuotaVpcs(CheckContext& ctx);
CheckResult CheckQuotaEips(CheckContext& ctx);
CheckResult CheckQuotaNat(CheckContext& ctx);
CheckResult CheckQuotaNlbs(CheckContext& ctx);
// vpc_check.cc
CheckResult CheckExistingVpc(CheckContext& ctx);

// An AWS error as a failed check: the AWS code and message, plus the fix for the usual
// credential and permission codes (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken,
// AccessDenied/UnauthorizedOperation).
CheckResult AwsFailure(const std::string& what, const Status& status);

}  // namespace tectonic::preflight

namespace tectonic::preflight {

// The expiry rule of the credentials check, apart for tests: long-term keys pass; temporary
// ones (session token) fail when they expire before now + expected, and warn when their
// expiry is unknown.
CheckResult EvaluateCredentialExpiry(const aws::Credentials& credentials,
                                     std::chrono::system_clock::time_point now,
                                     std::chrono::minutes expected);

}  // namespace tectonic::preflight
