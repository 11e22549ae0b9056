mod one;
mod two;
mod three;
