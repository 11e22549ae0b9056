//! Heap claims (being written). One process, no test threads: see proof::heap.

fn placeholder() {}

proof::heap_checks!(placeholder);
