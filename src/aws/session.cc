#include "aws/session.h"

#include <cstdlib>

#include "aws/assume_role_provider.h"
#include "aws/profile_files.h"

namespace tectonic::aws {
namespace {

using StsFactory = std::function<std::shared_ptr<AwsClient>(std::shared_ptr<CredentialsProvider>)>;

std::string Get(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

Result<std::shared_ptr<CredentialsProvider>> ProfileProvider(const ProfileFiles& files,
                                                             const std::string& name,
                                                             const StsFactory& sts_for, int depth,
                                                             std::string* source) {
  const auto* profile = files.Find(name);
  if (profile == nullptr) {
    return Status::InvalidInput("AWS profile '" + name + "' not found in " +
                                files.credentials_path + " or " + files.config_path);
  }
  if (depth > 4) {
    return Status::InvalidInput("AWS profile '" + name +
                                "': source_profile chain too long (a cycle?)");
  }
  std::string role_arn = Get(*profile, "role_arn");
  std::string key = Get(*profile, "aws_access_key_id");
  std::string secret = Get(*profile, "aws_secret_access_key");
  if (!role_arn.empty()) {
    std::string source_name = Get(*profile, "source_profile");
    if (source_name.empty()) {
      return Status::InvalidInput("AWS profile '" + name +
                                  "' has role_arn but no source_profile (credential_source "
                                  "is not supported)");
    }
    std::string source_desc;
    std::shared_ptr<CredentialsProvider> source_provider;
    if (source_name == name) {  // a profile may be its own source for the static keys
      if (key.empty() || secret.empty()) {
        return Status::InvalidInput("AWS profile '" + name + "' has no access keys");
      }
      source_provider = std::make_shared<StaticCredentialsProvider>(Credentials{
          key, secret, Get(*profile, "aws_session_token"), std::nullopt, "profile " + name});
    } else {
      TECTONIC_ASSIGN_OR_RETURN(
          source_provider, ProfileProvider(files, source_name, sts_for, depth + 1, &source_desc));
    }
    AssumeRoleParams params;
    params.role_arn = role_arn;
    params.role_session_name = Get(*profile, "role_session_name");
    params.external_id = Get(*profile, "external_id");
    if (std::string d = Get(*profile, "duration_seconds"); !d.empty()) {
      try {
        params.duration_seconds = std::stoi(d);
      } catch (const std::exception&) {
        return Status::InvalidInput("AWS profile '" + name + "': duration_seconds '" + d +
                                    "' is not a number");
      }
    }
    params.source = "profile " + name + " (role " + role_arn + " via profile " + source_name + ")";
    *source = params.source;
    return std::shared_ptr<CredentialsProvider>(
        std::make_shared<AssumeRoleProvider>(sts_for(source_provider), params));
  }
  if (key.empty() || secret.empty()) {
    return Status::InvalidInput("AWS profile '" + name +
                                "' has neither aws_access_key_id/aws_secret_access_key nor "
                                "role_arn + source_profile");
  }
  *source = "profile " + name;
  return std::shared_ptr<CredentialsProvider>(std::make_shared<StaticCredentialsProvider>(
      Credentials{key, secret, Get(*profile, "aws_session_token"), std::nullopt, *source}));
}

}  // namespace

Result<CredentialsChoice> ResolveCredentials(const ExplicitAwsSettings& settings,
                                             const EnvLookup& env, const StsFactory& sts_for) {
  CredentialsChoice choice;
  TECTONIC_ASSIGN_OR_RETURN(ProfileFiles files, LoadProfileFiles(env));
  std::string profile_name = settings.profile.empty() ? SelectedProfileName(env) : settings.profile;
  if (const auto* p = files.Find(profile_name)) choice.profile_region = Get(*p, "region");

  if (!settings.access_key_id.empty() || !settings.secret_access_key.empty()) {
    if (settings.access_key_id.empty() || settings.secret_access_key.empty()) {
      return Status::InvalidInput(
          "explicit AWS credentials need both the access key id and the secret access key");
    }
    choice.source = "explicit";
    choice.provider = std::make_shared<StaticCredentialsProvider>(
        Credentials{settings.access_key_id, settings.secret_access_key, settings.session_token,
                    std::nullopt, "explicit"});
    return choice;
  }
  if (settings.profile.empty() && EnvCredentialsProvider::Available(env)) {
    choice.source = "environment";
    choice.provider = std::make_shared<EnvCredentialsProvider>(env);
    return choice;
  }
  bool profile_requested = !settings.profile.empty() || env("AWS_PROFILE").has_value();
  if (files.Find(profile_name) == nullptr && !profile_requested) {
    if (env("AWS_ACCESS_KEY_ID").has_value() || env("AWS_SECRET_ACCESS_KEY").has_value()) {
      // Exactly one of the pair is set: say which.
      return EnvCredentialsProvider(env).Get().status();
    }
    return Status::PermissionDenied(
        "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
        "AWS_PROFILE with a profile in ~/.aws/credentials (looked in " +
        files.credentials_path + " and " + files.config_path + ")");
  }
  TECTONIC_ASSIGN_OR_RETURN(choice.provider,
                            ProfileProvider(files, profile_name, sts_for, 0, &choice.source));
  return choice;
}

Result<AwsSession> OpenSession(const ExplicitAwsSettings& settings, const EnvLookup& env) {
  return OpenSession(settings, env, SessionOptions{});
}

Result<AwsSession> OpenSession(const ExplicitAwsSettings& settings, const EnvLookup& env,
                               const SessionOptions& options) {
  std::shared_ptr<HttpTransport> transport = options.transport;
  if (!transport) {
    CurlTransportOptions curl = options.curl;
    // TECTONIC_AWS_TIMEOUT_SECONDS: how long one request may take in all (default 120 s); a
    // test of answers that never come sets a short one.
    if (auto text = env("TECTONIC_AWS_TIMEOUT_SECONDS")) {
      char* end = nullptr;
      double seconds = std::strtod(text->c_str(), &end);
      if (text->empty() || *end != '\0' || !(seconds > 0) || seconds > 3600) {
        return Status::InvalidInput("TECTONIC_AWS_TIMEOUT_SECONDS is '" + *text +
                                    "': set it to a number of seconds between 0 and 3600, or "
                                    "unset it for the default (120)");
      }
      curl.total_timeout = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
    }
    transport = std::make_shared<CurlTransport>(curl);
  }
  Clock& clock = options.clock ? *options.clock : RealClock::Instance();

  // The region comes first: the AssumeRole client needs it. The profile's region is only
  // known after reading the files, so resolve credentials with a late-bound region.
  std::string region = settings.region;
  if (region.empty()) region = env("AWS_REGION").value_or("");
  if (region.empty()) region = env("AWS_DEFAULT_REGION").value_or("");
  auto region_ptr = std::make_shared<std::string>(region);

  auto sts_for = [&, region_ptr](std::shared_ptr<CredentialsProvider> source) {
    return std::make_shared<AwsClient>(
        transport, std::move(source),
        EndpointResolver::FromEnvironment(*region_ptr, settings.endpoint_url, env), clock,
        options.retry);
  };
  // The STS client is created lazily by the factory, after the region is final (below):
  // ResolveCredentials calls sts_for during resolution, so finalise the region first.
  {
    TECTONIC_ASSIGN_OR_RETURN(ProfileFiles files, LoadProfileFiles(env));
    std::string profile_name =
        settings.profile.empty() ? SelectedProfileName(env) : settings.profile;
    if (region_ptr->empty()) {
      if (const auto* p = files.Find(profile_name)) {
        auto it = p->find("region");
        if (it != p->end()) *region_ptr = it->second;
      }
    }
  }
  if (region_ptr->empty()) {
    return Status::InvalidInput(
        "no AWS region: set --region, AWS_REGION or AWS_DEFAULT_REGION, or `region` in the "
        "AWS profile");
  }
  TECTONIC_ASSIGN_OR_RETURN(CredentialsChoice choice, ResolveCredentials(settings, env, sts_for));

  AwsSession session;
  session.region = *region_ptr;
  session.credentials_source = choice.source;
  session.client = std::make_shared<AwsClient>(
      transport, choice.provider,
      EndpointResolver::FromEnvironment(session.region, settings.endpoint_url, env), clock,
      options.retry);
  return session;
}

}  // namespace tectonic::aws
