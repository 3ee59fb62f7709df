#include "aws/operation.h"

namespace tectonic::aws {

namespace ops {
#define TECTONIC_AWS_OPERATION(service, name, action, extra) \
  const Operation k##service##name{&services::k##service, #name, action, extra};
#include "aws/operations.def"
#undef TECTONIC_AWS_OPERATION
}  // namespace ops

std::span<const Operation* const> AllOperations() {
  static const Operation* const kAll[] = {
#define TECTONIC_AWS_OPERATION(service, name, action, extra) &ops::k##service##name,
#include "aws/operations.def"
#undef TECTONIC_AWS_OPERATION
  };
  return kAll;
}

}  // namespace tectonic::aws
