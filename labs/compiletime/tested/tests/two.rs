#[test]
fn two() {
    assert_eq!(tested::double(2), 4);
}
