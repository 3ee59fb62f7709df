// OpenSession: the one way the product gets an AwsClient. It resolves the region, the
// endpoints and the credentials chain (explicit keys -> explicit profile -> environment keys ->
// AWS_PROFILE/"default" in the profile files, with role_arn + source_profile via STS
// AssumeRole) and builds a client on the libcurl transport.
// Thread safety: OpenSession is safe to call from any thread; the client is shared.
#pragma once

#include <memory>
#include <string>

#include "aws/client.h"
#include "aws/credentials.h"
#include "aws/curl_transport.h"

namespace tectonic::aws {

struct AwsSession {
  std::string region;
  std::shared_ptr<AwsClient> client;
  std::string credentials_source;  // "explicit", "environment", "profile dev (...)", ...
};

// Optional plumbing, for tests: a transport, clock or retry options other than the defaults.
struct SessionOptions {
  std::shared_ptr<HttpTransport> transport;  // null = a new CurlTransport
  Clock* clock = nullptr;                    // null = RealClock
  RetryOptions retry;
  CurlTransportOptions curl;
};

Result<AwsSession> OpenSession(const ExplicitAwsSettings& settings,
                               const EnvLookup& env = ProcessEnv());
Result<AwsSession> OpenSession(const ExplicitAwsSettings& settings, const EnvLookup& env,
                               const SessionOptions& options);

// The credentials chain alone (used by OpenSession). `sts_for` builds the client used for
// AssumeRole from the source credentials.
struct CredentialsChoice {
  std::shared_ptr<CredentialsProvider> provider;
  std::string source;
  std::string profile_region;  // the chosen profile's `region`, if any
};
Result<CredentialsChoice> ResolveCredentials(
    const ExplicitAwsSettings& settings, const EnvLookup& env,
    const std::function<std::shared_ptr<AwsClient>(std::shared_ptr<CredentialsProvider>)>& sts_for);

}  // namespace tectonic::aws
