# tools: placeholder, filled in by its owner

# vdso-gen makes the image C files that go into the library, so it must not
# link the library: its own rule, libelf only.
VDSO_TOOL_OBJS := $(OBJ)/tools/vdso_validate.o $(OBJ)/tools/vdso_dynview.o
TOOL_NAMES += vdso-gen
$(BIN)/vdso-gen: $(OBJ)/tools/vdso-gen.o $(VDSO_TOOL_OBJS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(ELF_LIBS)
