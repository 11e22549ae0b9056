#[test]
fn two() {
    assert_eq!(tested_one::double(2), 4);
}
