//! jemalloc as the global allocator, and the options it runs with, read back through its control
//! interface: prints `opt.thp`, `opt.metadata_thp` and the configuration string compiled into the library
//! (`config.malloc_conf`), one `name value` line each. Built only with the lab's `jemalloc` feature.

#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A string-valued option of jemalloc, by its control name.
fn option(name: &str) -> String {
    let key = format!("{name}\0");
    // SAFETY: these names are string-valued options (`const char *`) in jemalloc 5.3.
    match unsafe { tikv_jemalloc_ctl::raw::read::<*const std::ffi::c_char>(key.as_bytes()) } {
        Ok(p) => unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned(),
        Err(e) => format!("unreadable ({e})"),
    }
}

fn main() {
    // One allocation first, so that jemalloc has read its configuration.
    let v: Vec<u64> = std::hint::black_box(Vec::with_capacity(64));
    drop(v);
    println!("opt.thp {}", option("opt.thp"));
    println!("opt.metadata_thp {}", option("opt.metadata_thp"));
    let built_in = tikv_jemalloc_ctl::config::malloc_conf::read().unwrap_or("unreadable").trim_end_matches('\0');
    println!("config.malloc_conf {}", if built_in.is_empty() { "(empty)" } else { built_in });
}
