# relocator: placeholder, filled in by its owner
