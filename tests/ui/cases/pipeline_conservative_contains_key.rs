// The same function with the lookup done first and no borrow returned from it: it compiles.
use std::collections::HashMap;

fn get_default(map: &mut HashMap<u32, String>, key: u32) -> &mut String {
    if !map.contains_key(&key) {
        map.insert(key, String::new());
    }
    map.get_mut(&key).unwrap()
}

fn main() {
    let mut map = HashMap::new();
    get_default(&mut map, 1).push('a');
    println!("{}", map[&1]);
}
