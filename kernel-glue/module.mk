# kernel-glue: placeholder, filled in by its owner
