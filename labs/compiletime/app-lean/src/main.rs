//! A program that uses only `base`.
const TIMES: usize = 1;

fn main() {
    for _ in 0..TIMES {
        println!("{}", base::shout(base::GREETING));
    }
}
