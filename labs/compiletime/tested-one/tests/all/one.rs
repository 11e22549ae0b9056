#[test]
fn one() {
    assert_eq!(tested_one::double(2), 4);
}
