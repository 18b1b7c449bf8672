# tests: placeholder, filled in by its owner
TEST_NAMES += test_glue
TEST_NAMES += test_entry test_policy

# test_reloc: the relocator against the real images, plus vdso-reloc
TEST_NAMES += test_reloc
$(BUILD)/tests/test_reloc: $(OBJ)/tools/reloc_verify.o
TEST_DEPS += $(foreach m,int80 sysenter syscall,$(BUILD)/vdso/vdso-$(m).so $(BUILD)/vdso/vdso-$(m).so.dbg)
TEST_DEPS += $(BIN)/vdso-reloc
