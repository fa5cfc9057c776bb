# A second build of the core and its unit tests with AddressSanitizer and
# UndefinedBehaviorSanitizer, run as one CTest test so the README's single test command
# covers it. Skipped inside the sanitized build itself.
if(NOT TELERAD_SANITIZE)
  add_test(NAME core_unit_tests_under_asan_ubsan
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/sanitize
      --build-generator ${CMAKE_GENERATOR}
      --build-options -DTELERAD_SANITIZE=ON -DTELERAD_BUILD_UI=OFF -DCMAKE_BUILD_TYPE=Debug
      --test-command ${CMAKE_CTEST_COMMAND} -L unit --output-on-failure)
  set_tests_properties(core_unit_tests_under_asan_ubsan PROPERTIES
    LABELS "sanitizer;slow" TIMEOUT 1500
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endif()
