// A function declared but defined nowhere: only the linker finds out.
unsafe extern "C" {
    fn pipeline_defined_nowhere(x: u32) -> u32;
}

fn main() {
    let y = unsafe { pipeline_defined_nowhere(2) };
    println!("{y}");
}
