# Second and third builds of the project, each run as one CTest test so that the README's
# single test command covers them; neither exists inside those builds themselves.
if(TELERAD_SANITIZE OR TELERAD_FUZZ)
  return()
endif()

# A build of the project in build/<dir> with `options`, whose own tests of `labels` run.
function(telerad_add_build_test name dir labels)
  cmake_parse_arguments(B "" "TESTS" "OPTIONS" ${ARGN})
  add_test(NAME ${name}
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/${dir}
      --build-generator ${CMAKE_GENERATOR}
      --build-options -DTELERAD_BUILD_UI=OFF ${B_OPTIONS}
      --test-command ${CMAKE_CTEST_COMMAND} -L "${B_TESTS}" -j2 --output-on-failure)
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" TIMEOUT 1800)
endfunction()

# The core, telerad-cli and their unit and integration tests with AddressSanitizer and
# UndefinedBehaviorSanitizer.
telerad_add_build_test(unit_and_integration_tests_under_asan_ubsan sanitize "sanitizer;slow" TESTS "unit|integration"
  OPTIONS -DTELERAD_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
set_tests_properties(unit_and_integration_tests_under_asan_ubsan PROPERTIES
  ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan-suppressions.txt:print_suppressions=0;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")

# The fuzz targets (tests/fuzz: an instance arriving at the storage SCP, a received report,
# a file imported and decoded, a DICOMDIR followed),
# built with clang's libFuzzer, ASan and UBSan and run for a bounded time: any crash, leak
# or undefined behaviour fails the test.
telerad_add_build_test(fuzz_targets_under_asan_ubsan fuzz "fuzz;slow" TESTS fuzz
  OPTIONS -DTELERAD_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
