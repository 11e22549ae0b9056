//! Heap claims, measured with dhat. One process, no test threads (`harness = false`): dhat counts every
//! allocation of the process, so nothing else may run while a measurement is taken.

use proof::{claim, FiguresExt, Kind, Measured, ProfileRecord};

#[allow(dead_code)]
#[path = "../examples/vec_capacity.rs"]
mod vec_capacity;

fn vec_with_capacity_is_one_block() {
    claim("heap.vec.with-capacity-one-block")
        .kind(Kind::Heap)
        .statement("A Vec given its final capacity up front makes exactly one heap allocation for 20 pushes; growing from Vec::new() makes one per reallocation.")
        .judges("002", "Heap allocations: Vec", "Reserving capacity for 20 elements takes a single allocation, while pushing them one by one into an empty vector takes four (capacities 4, 8, 16, 32).", "confirmed")
        .predicate("exactly one heap block is allocated", |f| f.u64("heap blocks allocated") == 1)
        .subject("Vec::with_capacity(20), then 20 pushes of u64", || {
            Measured::new(ProfileRecord::cargo_test(), proof::heap::measure(|| vec_capacity::reserve_then_push(20)))
        })
        .control("Vec::new(), then 20 pushes of u64", || {
            Measured::new(ProfileRecord::cargo_test(), proof::heap::measure(|| vec_capacity::grow_by_pushing(20)))
        })
        .check();
}

proof::heap_checks!(vec_with_capacity_is_one_block);
