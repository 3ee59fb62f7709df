#include "aws/cloudformation.h"

#include <functional>

#include "aws/xml_util.h"

namespace tectonic::aws {
namespace {

// NextToken in and out.
Status Pages(AwsClient& client, const Operation& op, const FormParams& params,
             const std::function<void(pugi::xml_node)>& on_page) {
  std::string token;
  while (true) {
    FormParams page = params;
    if (!token.empty()) page.Add("NextToken", token);
    TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client.Query(op, page));
    on_page(r.result());
    std::string next = xml::Text(r.result(), "NextToken");
    if (next.empty() || next == token) return Status::Ok();
    token = std::move(next);
  }
}

Stack ParseStack(pugi::xml_node n) {
  Stack s;
  s.id = xml::Text(n, "StackId");
  s.name = xml::Text(n, "StackName");
  s.status = xml::Text(n, "StackStatus");
  s.status_reason = xml::Text(n, "StackStatusReason");
  s.role_arn = xml::Text(n, "RoleARN");
  for (pugi::xml_node output : xml::Items(n, "Outputs", "member")) {
    s.outputs[xml::Text(output, "OutputKey")] = xml::Text(output, "OutputValue");
  }
  s.tags = xml::QueryTags(n);
  return s;
}

bool IsMissingStack(const Status& status) {
  return status.aws_code() == "ValidationError" &&
         status.message().find("does not exist") != std::string::npos;
}

}  // namespace

bool IsStackSettled(const std::string& status) {
  auto ends_with = [&](const std::string& suffix) {
    return status.size() >= suffix.size() &&
           status.compare(status.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("_COMPLETE") || ends_with("_FAILED");
}

Result<std::string> CloudFormation::CreateStack(const CreateStackInput& input) {
  FormParams p;
  p.Add("StackName", input.name);
  if (!input.template_url.empty()) p.Add("TemplateURL", input.template_url);
  if (!input.template_body.empty()) p.Add("TemplateBody", input.template_body);
  int i = 1;
  for (const auto& [key, value] : input.parameters) {
    const std::string base = "Parameters.member." + std::to_string(i++);
    p.Add(base + ".ParameterKey", key).Add(base + ".ParameterValue", value);
  }
  i = 1;
  for (const auto& capability : input.capabilities) {
    p.Add("Capabilities.member." + std::to_string(i++), capability);
  }
  if (!input.client_request_token.empty()) {
    p.Add("ClientRequestToken", input.client_request_token);
  }
  if (!input.on_failure.empty()) p.Add("OnFailure", input.on_failure);
  if (!input.role_arn.empty()) p.Add("RoleARN", input.role_arn);
  query::AddTagList(p, input.tags);
  TECTONIC_ASSIGN_OR_RETURN(XmlResponse r, client_.Query(ops::kCloudFormationCreateStack, p));
  return xml::Text(r.result(), "StackId");
}

Result<std::optional<Stack>> CloudFormation::DescribeStack(const std::string& name_or_id) {
  auto r =
      client_.Query(ops::kCloudFormationDescribeStacks, FormParams().Add("StackName", name_or_id));
  if (!r.ok()) {
    if (IsMissingStack(r.status())) return std::optional<Stack>();
    return r.status();
  }
  for (pugi::xml_node n : xml::Items(r->result(), "Stacks", "member")) {
    return std::optional<Stack>(ParseStack(n));
  }
  return std::optional<Stack>();
}

Result<std::vector<Stack>> CloudFormation::DescribeStacks() {
  std::vector<Stack> out;
  TECTONIC_RETURN_IF_ERROR(
      Pages(client_, ops::kCloudFormationDescribeStacks, FormParams(), [&](pugi::xml_node page) {
        for (pugi::xml_node n : xml::Items(page, "Stacks", "member")) out.push_back(ParseStack(n));
      }));
  return out;
}

Result<std::vector<StackEvent>> CloudFormation::DescribeStackEvents(const std::string& name_or_id) {
  std::vector<StackEvent> out;
  TECTONIC_RETURN_IF_ERROR(
      Pages(client_, ops::kCloudFormationDescribeStackEvents,
            FormParams().Add("StackName", name_or_id), [&](pugi::xml_node page) {
              for (pugi::xml_node n : xml::Items(page, "StackEvents", "member")) {
                out.push_back({xml::Text(n, "EventId"), xml::Text(n, "LogicalResourceId"),
                               xml::Text(n, "PhysicalResourceId"), xml::Text(n, "ResourceType"),
                               xml::Text(n, "ResourceStatus"), xml::Text(n, "ResourceStatusReason"),
                               xml::Text(n, "Timestamp"), xml::Text(n, "ClientRequestToken")});
              }
            }));
  return out;
}

Result<std::vector<StackResource>> CloudFormation::ListStackResources(
    const std::string& name_or_id) {
  std::vector<StackResource> out;
  TECTONIC_RETURN_IF_ERROR(Pages(
      client_, ops::kCloudFormationListStackResources, FormParams().Add("StackName", name_or_id),
      [&](pugi::xml_node page) {
        for (pugi::xml_node n : xml::Items(page, "StackResourceSummaries", "member")) {
          out.push_back({xml::Text(n, "LogicalResourceId"), xml::Text(n, "PhysicalResourceId"),
                         xml::Text(n, "ResourceType"), xml::Text(n, "ResourceStatus"),
                         xml::Text(n, "ResourceStatusReason")});
        }
      }));
  return out;
}

Status CloudFormation::DeleteStack(const std::string& name_or_id,
                                   const std::string& client_request_token,
                                   const std::string& role_arn) {
  FormParams p;
  p.Add("StackName", name_or_id);
  if (!client_request_token.empty()) p.Add("ClientRequestToken", client_request_token);
  if (!role_arn.empty()) p.Add("RoleARN", role_arn);
  return client_.Query(ops::kCloudFormationDeleteStack, p).status();
}

}  // namespace tectonic::aws
