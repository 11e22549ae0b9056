#[test]
fn three() {
    assert_eq!(tested::double(2), 4);
}
