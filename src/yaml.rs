//! The one place that touches YAML. serde_yaml is archived upstream; keeping
//! every call behind this module means a maintained fork can replace it here
//! without touching keymap, store or loader.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML value as other modules see it: opaque, so they never match on
/// serde_yaml's variants and a replacement crate changes only this module.
/// It round-trips (unknown fields of annotation files are kept on save).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Value(serde_yaml::Value);

impl Value {
    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }

    pub fn as_str(&self) -> Option<&str> {
        self.0.as_str()
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }

    /// The value under `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.0.get(key).cloned().map(Value)
    }

    /// A string, number or boolean as text (not a list or mapping).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.0 {
            serde_yaml::Value::String(s) => Some(s.clone()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            serde_yaml::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The items of a sequence (None: not a sequence).
    pub fn items(&self) -> Option<Vec<Value>> {
        match &self.0 {
            serde_yaml::Value::Sequence(items) => Some(items.iter().cloned().map(Value).collect()),
            _ => None,
        }
    }

    /// The entries of a mapping with text keys, in file order (None: not a
    /// mapping).
    pub fn entries(&self) -> Option<Vec<(String, Value)>> {
        let serde_yaml::Value::Mapping(map) = &self.0 else {
            return None;
        };
        Some(
            map.iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), Value(v.clone()))))
                .collect(),
        )
    }
}

mod depth;

/// Deepest nesting of flow collections accepted; serde_yaml refuses more
/// than 128 levels anyway, but only after libyaml has spent time growing
/// with the square of the depth (see depth.rs).
pub const MAX_FLOW_DEPTH: usize = 128;

/// Files larger than this are refused before parsing: no keymap or
/// annotation file written by a person or by `brief` comes near it, and it
/// bounds the memory a hostile file can make us spend.
pub const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;

/// A YAML problem with its position (1-based), when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl YamlError {
    fn from_serde(err: serde_yaml::Error) -> Self {
        let location = err.location();
        YamlError {
            message: err.to_string(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    }
}

/// Parse YAML text into `T`. Aliases are expanded by the parser with a
/// built-in limit, and nesting has a depth limit, so hostile input fails
/// with an error instead of exhausting memory or stack.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            message: format!(
                "file is {} MB, larger than the {} MB limit",
                text.len() / (1024 * 1024),
                MAX_YAML_BYTES / (1024 * 1024)
            ),
            line: None,
            column: None,
        });
    }
    if let Some(line) = depth::flow_too_deep(text, MAX_FLOW_DEPTH) {
        return Err(YamlError {
            message: format!(
                "nested more than {MAX_FLOW_DEPTH} levels deep (`[` or `{{`); refused without parsing"
            ),
            line: Some(line),
            column: None,
        });
    }
    serde_yaml::from_str(text).map_err(YamlError::from_serde)
}

/// Convert an already parsed value into `T` (no position: the text was
/// valid YAML, only its shape is wrong).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, YamlError> {
    serde_yaml::from_value(value.0).map_err(YamlError::from_serde)
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(YamlError::from_serde)
}

/// A mapping read as a list of pairs, in file order, duplicates included:
/// the keymap reports a key written twice instead of rejecting the whole file.
#[derive(Debug, Clone, Default)]
pub struct Pairs<K, V>(pub Vec<(K, V)>);

impl<'de, K: serde::Deserialize<'de>, V: serde::Deserialize<'de>> serde::Deserialize<'de>
    for Pairs<K, V>
{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: serde::Deserialize<'de>, V: serde::Deserialize<'de>> serde::de::Visitor<'de>
            for PairsVisitor<K, V>
        {
            type Value = Pairs<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor(std::marker::PhantomData))
    }
}

/// A scalar or list as display text: lists are joined with ", ".
pub fn value_to_text(value: &Value) -> Option<String> {
    fn text(value: &serde_yaml::Value) -> Option<String> {
        use serde_yaml::Value as V;
        match value {
            V::String(s) => Some(s.clone()),
            V::Number(n) => Some(n.to_string()),
            V::Bool(b) => Some(b.to_string()),
            V::Sequence(items) => {
                let parts: Vec<String> = items.iter().filter_map(text).collect();
                Some(parts.join(", "))
            }
            V::Tagged(tagged) => text(&tagged.value),
            V::Null | V::Mapping(_) => None,
        }
    }
    text(&value.0)
}

/// A list of strings from a YAML list or a comma-separated string.
pub fn value_to_list(value: &Value) -> Vec<String> {
    let items: Vec<String> = match &value.0 {
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .filter_map(|v| value_to_text(&Value(v.clone())))
            .collect(),
        _ => value_to_text(value)
            .map(|s| s.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
    };
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_bomb_is_refused() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
        assert!(from_str::<Value>(bomb).is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(from_str::<Value>(&deep).is_err());
    }

    #[test]
    fn errors_carry_positions() {
        let err = from_str::<Value>("a: 1\nb: [\n").unwrap_err();
        assert!(err.line.is_some());
    }
}
