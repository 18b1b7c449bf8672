# tests: placeholder, filled in by its owner
TEST_NAMES += test_glue
TEST_NAMES += test_entry test_policy
