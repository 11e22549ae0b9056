//! The source texts the book checks, by name: `src/sources/texts.toml`.
//!
//! Evidence and `untestable/<part>.toml` name a statement's text by its seed prefix ("002") and section
//! ("Actors with Tokio: Shutdown"). A reader needs the text's title and author instead: this file maps a
//! seed (and, for a file that collects several texts, a section prefix) to them.

use serde::Deserialize;
use std::path::Path;

/// One source text.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub seed: String,
    /// Section prefixes of the seed file that belong to this text (empty: the seed's default text).
    #[serde(default)]
    pub sections: Vec<String>,
    pub title: String,
    /// The name a box uses.
    pub short: String,
    /// Empty when the copy names none.
    pub author: String,
    pub about: String,
}

impl Text {
    /// "Inside LTO and ThinLTO (JOHNWICK)".
    pub fn label(&self) -> String {
        if self.author.is_empty() { self.short.clone() } else { format!("{} ({})", self.short, self.author) }
    }

    /// The HTML id of the text's entry on the Sources checked page.
    pub fn anchor(&self) -> String {
        let slug: String = self.short.to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        format!("text-{}", slug.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-"))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "text", default)]
    texts: Vec<Text>,
}

/// The texts, in file order.
#[derive(Debug, Clone, Default)]
pub struct Texts(pub Vec<Text>);

impl Texts {
    pub fn parse(text: &str) -> Result<Texts, String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        for (i, t) in f.texts.iter().enumerate() {
            if t.seed.len() != 3 || !t.seed.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("text {}: seed `{}` is not a three-digit prefix", i + 1, t.seed));
            }
            if t.title.trim().is_empty() || t.short.trim().is_empty() || t.about.trim().is_empty() {
                return Err(format!("text {} (seed {}): title, short and about must not be empty", i + 1, t.seed));
            }
        }
        Ok(Texts(f.texts))
    }

    /// `src/sources/texts.toml` under the book root (an absent file names nothing, and the preprocessor
    /// then refuses any statement of a source); an error names the file.
    pub fn load(root: &Path, src: &Path) -> Result<Texts, String> {
        let file = src.join("sources").join("texts.toml");
        match std::fs::read_to_string(root.join(&file)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Texts::default()),
            Err(e) => Err(format!("{}: {e}", file.display())),
            Ok(text) => Texts::parse(&text).map_err(|e| format!("{}: {e}", file.display())),
        }
    }

    /// The text a statement of `seed`, in section `location`, comes from.
    pub fn of(&self, seed: &str, location: &str) -> Option<&Text> {
        self.0
            .iter()
            .find(|t| t.seed == seed && t.sections.iter().any(|s| location.starts_with(s.as_str())))
            .or_else(|| self.0.iter().find(|t| t.seed == seed && t.sections.is_empty()))
    }

    /// The text's label ("Inside LTO and ThinLTO (JOHNWICK)"). The preprocessor refuses a book with a
    /// statement whose text is not named, so the fallback, "a source text", is never shown.
    pub fn label(&self, seed: &str, location: &str) -> String {
        self.of(seed, location).map_or_else(|| "a source text".to_string(), Text::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_picks_its_own_text_before_the_seeds_default() {
        let t = Texts::parse(
            "[[text]]\nseed = \"002\"\ntitle = \"Book\"\nshort = \"Book\"\nauthor = \"A\"\nabout = \"x\"\n\
             [[text]]\nseed = \"002\"\nsections = [\"Actors\"]\ntitle = \"Actors\"\nshort = \"Actors\"\nauthor = \"\"\nabout = \"y\"\n",
        )
        .unwrap();
        assert_eq!(t.label("002", "Actors: Shutdown"), "Actors");
        assert_eq!(t.label("002", "Heap allocations"), "Book (A)");
        assert_eq!(t.label("009", "x"), "a source text");
        assert_eq!(t.of("002", "Heap").unwrap().anchor(), "text-book");
    }

    #[test]
    fn a_malformed_seed_is_an_error() {
        assert!(Texts::parse("[[text]]\nseed = \"2\"\ntitle = \"B\"\nshort = \"B\"\nauthor = \"\"\nabout = \"x\"\n").is_err());
    }
}
