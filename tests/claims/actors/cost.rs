//! Instruction-count claims about actors, read from the Gungraun benchmarks in benches/actors.rs.

use proof::margin::{self, Op};
use proof::{Kind, Measured, claim, figures};

/// Instructions of one call the `way` (a benchmark function of the `round_trip` group): the count for
/// 1,100 calls minus the count for 100 calls, divided by 1,000. Fixed costs cancel out.
fn per_call(way: &str) -> u64 {
    let many = proof::gungraun::instructions("actors", "round_trip", way, "calls_1100");
    let few = proof::gungraun::instructions("actors", "round_trip", way, "calls_100");
    (many - few) / 1000
}

/// One way of making the call next to a baseline way.
fn against(way: &str, baseline: &str) -> Measured {
    let (a, b) = (per_call(way), per_call(baseline));
    Measured::new(
        proof::gungraun::bench_profile(),
        figures! {
            "way" => way,
            "baseline" => baseline,
            "instructions per call" => a,
            "instructions per call of the baseline" => b,
            "times the baseline" => (a * 10 / b) as f64 / 10.0,
        },
    )
}

#[test]
fn actor_round_trip_costs_more_than_ten_mutex_calls() {
    claim("actors.cost.round-trip-instructions")
        .kind(Kind::Instructions)
        .statement(
            "A request/response round trip through an actor executes more than ten times the instructions of the same call through `Arc<Mutex<_>>`.",
        )
        .predicate("the way costs more than 10 times its baseline per call", |f| margin::against(f, "times the baseline", Op::Gt, 10.0))
        .subject("actor round trip, against lock().unwrap().next_id() on Arc<Mutex<IdGen>>", || against("actor", "mutex"))
        .control("lock().unwrap().next_id() on Arc<Mutex<IdGen>>, against a direct next_id() call", || against("mutex", "direct"))
        .check();
}
