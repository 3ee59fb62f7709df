# Integration suites of the typed per-service clients against moto_server (owner: awsservices).
# Included from this directory's CMakeLists.txt. One binary per service, built in parallel.
foreach(svc ec2 elbv2 autoscaling iam route53 kms s3 tagging)
  tectonic_test(aws_services_${svc}_moto_test
    SOURCES services_${svc}_test.cc
    DEPS tectonic_aws tectonic_test_support
    LABELS integration)
endforeach()
