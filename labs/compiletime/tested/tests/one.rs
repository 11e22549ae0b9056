#[test]
fn one() {
    assert_eq!(tested::double(2), 4);
}
