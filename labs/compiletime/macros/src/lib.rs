//! A procedural macro without dependencies: `#[derive(Describe)]` adds a `describe()` method that
//! returns the type's name. Cargo compiles this crate for the host as a shared library that rustc loads.
use proc_macro::{TokenStream, TokenTree};

#[proc_macro_derive(Describe)]
pub fn describe(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter();
    let mut name = String::new();
    while let Some(t) = tokens.next() {
        if let TokenTree::Ident(i) = &t {
            let word = i.to_string();
            if word == "struct" || word == "enum" {
                if let Some(TokenTree::Ident(n)) = tokens.next() {
                    name = n.to_string();
                }
                break;
            }
        }
    }
    format!("impl {name} {{ pub fn describe() -> &'static str {{ \"{name}\" }} }}").parse().unwrap()
}
