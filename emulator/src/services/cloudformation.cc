// CloudFormation: awsim models no stacks, so no stack can exist. Listing every stack answers
// that truthfully (an empty list), which is what a destroy by cluster id needs to learn that
// there is no stack to delete. Every other call, naming a stack included, is refused as not
// modelled: never a success that did nothing.
#include "server.h"

namespace awsim {

Response HandleCloudFormation(Context& ctx) {
  if (ctx.operation == "DescribeStacks" && ctx.req.Params().Get("StackName").empty() &&
      ctx.req.Params().Get("NextToken").empty()) {
    XmlWriter w = QueryBegin(ctx);
    w.Open("Stacks").Close();
    return QueryEnd(ctx, w);
  }
  Fail(400, "UnknownService",
       "awsim does not emulate CloudFormation stacks: " + ctx.operation +
           " was not done (not modelled; use AWS or moto for it).");
}

}  // namespace awsim
