// A safe function the borrow checker rejects: the mutable borrow returned on the `Some` path is taken
// to last for the whole function, so the `None` path may not borrow the map again.
use std::collections::HashMap;

fn get_default(map: &mut HashMap<u32, String>, key: u32) -> &mut String {
    match map.get_mut(&key) {
        Some(value) => value,
        None => {
            map.insert(key, String::new());
            map.get_mut(&key).unwrap()
        }
    }
}

fn main() {
    let mut map = HashMap::new();
    get_default(&mut map, 1).push('a');
    println!("{}", map[&1]);
}
