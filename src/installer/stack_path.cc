#include "installer/stack_path.h"

#include <fmt/format.h>

#include "aws/cloudformation.h"
#include "aws/s3.h"
#include "cloudformation/template.h"
#include "installer/aws_context.h"
#include "installer/run_support.h"
#include "installer/stack_runner.h"
#include "util/files.h"

namespace tectonic::installer {
namespace {

const std::set<std::string>& PreStackKinds() {
  static const std::set<std::string> kKinds = {"kms.key", "kms.alias", "s3.bucket", "s3.object",
                                               "ec2.tag"};
  return kKinds;
}

std::string OnFailureValue(const std::string& flag) {
  if (flag == "delete") return "DELETE";
  if (flag == "keep") return "DO_NOTHING";
  return "ROLLBACK";
}

Status SaveStackRecord(const model::ClusterDir& dir, const StackRecord& r) {
  nlohmann::json doc = {{"via", "cloudformation"},   {"stack", r.stack},
                        {"stackId", r.stack_id},     {"roleArn", r.role_arn},
                        {"onFailure", r.on_failure}, {"templateUrl", r.template_url}};
  return files::WriteAtomic(StackRecordPath(dir), doc.dump(2) + "\n", files::kSecretMode);
}

// The template's S3 URL (virtual-hosted style; us-east-1 has no region in the host).
std::string TemplateUrl(const std::string& bucket, const std::string& region,
                        const std::string& key) {
  if (region == "us-east-1") return fmt::format("https://{}.s3.amazonaws.com/{}", bucket, key);
  return fmt::format("https://{}.s3.{}.amazonaws.com/{}", bucket, region, key);
}

}  // namespace

std::filesystem::path StackRecordPath(const model::ClusterDir& dir) {
  return dir.root / "cloudformation.json";
}

Result<std::optional<StackRecord>> LoadStackRecord(const model::ClusterDir& dir) {
  const auto path = StackRecordPath(dir);
  if (!std::filesystem::exists(path)) return std::optional<StackRecord>();
  TECTONIC_ASSIGN_OR_RETURN(std::string text, files::ReadFile(path));
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("stack")) {
    return Status::InvalidInput(path.string() +
                                " is damaged: it must name the cluster's stack (\"stack\")");
  }
  return std::optional<StackRecord>(
      StackRecord{doc.value("stack", ""), doc.value("stackId", ""), doc.value("roleArn", ""),
                  doc.value("onFailure", "rollback"), doc.value("templateUrl", "")});
}

Result<std::set<std::string>> PreStackKeys(const engine::Graph& graph) {
  std::set<std::string> keys;
  for (const auto& node : graph.nodes) {
    if (!PreStackKinds().count(node.kind)) continue;
    keys.insert(node.key);
    for (const auto& dep : engine::Graph::AllDeps(node)) {
      const engine::NodeSpec* d = graph.Find(dep);
      if (d == nullptr) continue;
      if (!d->shared && !PreStackKinds().count(d->kind)) {
        return Status::InvalidInput(fmt::format(
            "{} must exist before the stack but depends on {} ({}), which only the stack "
            "creates",
            node.key, dep, d->kind));
      }
      keys.insert(dep);
    }
  }
  return keys;
}

Status ApplyViaStack(const CreateOptions& options, const model::ClusterConfig& config,
                     const model::ClusterDir& dir, const std::string& cluster_id,
                     const engine::Graph& graph, engine::Executor& executor,
                     engine::Journal& journal, aws::AwsClient& client, CreateOutcome* out) {
  Clock& clock = RealClock::Instance();
  // 1. What the stack cannot hold, by the engine.
  TECTONIC_ASSIGN_OR_RETURN(auto keys, PreStackKeys(graph));
  engine::Graph pre;
  for (const auto& node : graph.nodes) {
    if (keys.count(node.key)) pre.nodes.push_back(node);
  }
  out->report = executor.Apply(pre);
  TECTONIC_RETURN_IF_ERROR(out->report.status);

  // 2. The template of the rest; what the engine made is literal in it.
  TECTONIC_ASSIGN_OR_RETURN(auto entries, journal.LoadAll());
  cloudformation::TemplateOptions template_options;
  template_options.cluster_id = cluster_id;
  template_options.cluster_name = config.name;
  for (const auto& entry : entries) {
    if (keys.count(entry.key) && !graph.Find(entry.key)->shared) {
      template_options.applied_outside[entry.key] = entry.outputs;
    }
  }
  TECTONIC_ASSIGN_OR_RETURN(auto tmpl, cloudformation::BuildTemplate(graph, template_options));
  const std::string body = cloudformation::RenderJson(tmpl);

  // 3. Record the choice, upload the template, then the stack.
  StackRecord record{"tectonic-" + config.name, "", options.stack_role_arn,
                     options.stack_on_failure, ""};
  const engine::NodeSpec* bucket_node = graph.Find("s3/bucket");
  if (bucket_node == nullptr) return Status::Internal("the graph has no s3/bucket");
  const std::string bucket = bucket_node->props.value("name", "");
  const std::string key = "cloudformation/" + record.stack + ".json";
  record.template_url = TemplateUrl(bucket, config.aws.region, key);
  if (auto existing = LoadStackRecord(dir); existing.ok() && *existing) {
    record.stack_id = (*existing)->stack_id;
  }
  TECTONIC_RETURN_IF_ERROR(SaveStackRecord(dir, record));
  // A stack already created or being created needs no template: a re-run stays read-only.
  aws::CloudFormation cfn(client);
  TECTONIC_ASSIGN_OR_RETURN(auto existing, cfn.DescribeStack(record.stack));
  const bool needs_template = !existing || (existing->status != "CREATE_COMPLETE" &&
                                            existing->status != "CREATE_IN_PROGRESS");
  if (needs_template) {
    Phase upload(options.events, clock, "template", 0);
    aws::S3 s3(client);
    TECTONIC_RETURN_IF_ERROR(
        s3.PutObject({bucket, key, body, "application/json", "", {}}).status());
    upload.Done(fmt::format("{} bytes, {} resources, s3://{}/{}", body.size(),
                            tmpl.body["Resources"].size(), bucket, key));
  }

  Phase stack_phase(options.events, clock, "stack",
                    static_cast<int>(tmpl.body["Resources"].size()));
  StackRequest req;
  req.create.name = record.stack;
  req.create.template_url = record.template_url;
  req.create.capabilities = {"CAPABILITY_NAMED_IAM"};
  // Every parameter's value is sent, so the stack records what it was built with.
  if (tmpl.body.contains("Parameters")) {
    for (const auto& [name, parameter] : tmpl.body["Parameters"].items()) {
      if (!parameter.contains("Default")) continue;
      const auto& value = parameter["Default"];
      req.create.parameters[name] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  // Stable per cluster: a CreateStack retried after a timeout or a kill is the same stack.
  req.create.client_request_token = "tectonic-create-" + cluster_id;
  req.create.on_failure = OnFailureValue(options.stack_on_failure);
  req.create.role_arn = options.stack_role_arn;
  req.create.tags = {{"tectonicClusterID", cluster_id}};
  req.replace_failed = options.replace_failed_stack;
  req.events = options.events;
  req.cancel = options.cancel;
  req.poll = options.stack_poll;
  auto result = EnsureStack(cfn, clock, req);
  if (!result.ok()) {
    stack_phase.Done("failed");
    return result.status();
  }
  if (result->stack) {
    record.stack_id = result->stack->id;
    TECTONIC_RETURN_IF_ERROR(SaveStackRecord(dir, record));
  }
  stack_phase.Done(result->created ? "created" : "already complete");
  return Status::Ok();
}

void FillStackStatus(const model::ClusterDir& dir, aws::AwsClient& client, StatusOutcome* out) {
  auto record = LoadStackRecord(dir);
  if (!record.ok() || !*record) return;
  out->stack_name = (*record)->stack;
  aws::CloudFormation cfn(client);
  const std::string& id = (*record)->stack_id.empty() ? (*record)->stack : (*record)->stack_id;
  auto stack = cfn.DescribeStack(id);
  if (!stack.ok()) {
    out->stack_status = "unknown: " + stack.status().message();
    return;
  }
  if (!*stack) {
    out->stack_status = "missing";
    return;
  }
  out->stack_status = (*stack)->status;
  auto resources = cfn.ListStackResources(id);
  if (resources.ok()) out->stack_resources = std::move(*resources);
}

Status DeleteClusterStack(const DestroyOptions& options, const std::string& cluster_id,
                          aws::AwsClient& client) {
  aws::CloudFormation cfn(client);
  std::string stack;
  std::string role_arn;
  if (!options.dir.empty()) {
    TECTONIC_ASSIGN_OR_RETURN(auto record, LoadStackRecord(model::ClusterDir{options.dir}));
    if (!record) return Status::Ok();  // the direct path
    stack = record->stack_id.empty() ? record->stack : record->stack_id;
    role_arn = record->role_arn;
  } else {
    // No directory: the stack carries the cluster id as a stack tag. A caller without
    // CloudFormation rights (the direct path's policy) has no stack to find.
    auto stacks = cfn.DescribeStacks();
    if (!stacks.ok()) {
      return IsAccessDenied(stacks.status()) ? Status::Ok() : stacks.status();
    }
    for (const auto& s : *stacks) {
      auto tag = s.tags.find("tectonicClusterID");
      if (tag != s.tags.end() && tag->second == cluster_id && s.status != "DELETE_COMPLETE") {
        stack = s.id;
        role_arn = s.role_arn;
      }
    }
    if (stack.empty()) return Status::Ok();
  }
  Clock& clock = RealClock::Instance();
  Phase phase(options.events, clock, "stack", 0);
  auto result =
      DeleteStack(cfn, clock, stack, role_arn, options.events, options.cancel, options.stack_poll);
  phase.Done(result.ok() ? "deleted" : "failed");
  return result.status();
}

}  // namespace tectonic::installer
