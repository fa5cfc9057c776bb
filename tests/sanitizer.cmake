# A second build of the core, telerad-cli and their unit and integration tests with AddressSanitizer and
# UndefinedBehaviorSanitizer, run as one CTest test so the README's single test command
# covers it. Skipped inside the sanitized build itself.
if(NOT TELERAD_SANITIZE AND NOT TELERAD_FUZZ)
  add_test(NAME unit_and_integration_tests_under_asan_ubsan
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/sanitize
      --build-generator ${CMAKE_GENERATOR}
      --build-options -DTELERAD_SANITIZE=ON -DTELERAD_BUILD_UI=OFF -DCMAKE_BUILD_TYPE=Debug
      --test-command ${CMAKE_CTEST_COMMAND} -L "unit|integration" -j2 --output-on-failure)
  set_tests_properties(unit_and_integration_tests_under_asan_ubsan PROPERTIES
    LABELS "sanitizer;slow" TIMEOUT 1500
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endif()

# The fuzz targets (tests/fuzz: an instance arriving at the storage SCP, a received report),
# built with clang's libFuzzer, ASan and UBSan and run for a bounded time: any crash, leak
# or undefined behaviour fails the test.
if(NOT TELERAD_SANITIZE AND NOT TELERAD_FUZZ)
  add_test(NAME fuzz_targets_under_asan_ubsan
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/fuzz
      --build-generator ${CMAKE_GENERATOR}
      --build-options -DTELERAD_FUZZ=ON -DTELERAD_BUILD_UI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
                      -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
      --test-command ${CMAKE_CTEST_COMMAND} -L fuzz --output-on-failure)
  set_tests_properties(fuzz_targets_under_asan_ubsan PROPERTIES LABELS "fuzz;slow" TIMEOUT 1800)
endif()
