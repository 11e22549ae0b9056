//! LTO claims, measured on labs/crosscrate.

use proof::lab;
use proof::profile::{Base, Profile};
use proof::{claim, figures, FiguresExt, Kind, Measured};

/// Size of the `app` binary under `profile`, next to the size under Cargo's plain release profile.
fn app_size(profile: &Profile) -> Measured {
    let size = lab::build("crosscrate", profile).size("app");
    let baseline = lab::build("crosscrate", &Profile::release()).size("app");
    Measured::new(profile.record(), figures! { "app binary (bytes)" => size, "release default (bytes)" => baseline })
}

#[test]
fn fat_lto_shrinks_the_binary() {
    claim("lto.size.fat-smaller-than-default")
        .kind(Kind::Size)
        .statement("On the crosscrate lab, lto = \"fat\" produces a smaller release binary than Cargo's default (lto = false); lto = \"off\" does not.")
        .judges("001", "Enabling LTO", "With LTO the unused and inlined functions are dropped and the binary shrinks.", "confirmed on this lab")
        .predicate("the binary is smaller than under the default release profile", |f| {
            f.u64("app binary (bytes)") < f.u64("release default (bytes)")
        })
        .subject("release with lto = \"fat\"", || app_size(&Profile::custom("release-fat", Base::Release).lto("fat")))
        .control("release with lto = \"off\"", || app_size(&Profile::custom("release-lto-off", Base::Release).lto("off")))
        .check();
}
