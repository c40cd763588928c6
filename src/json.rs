//! Reads the crate's types out of a parsed JSON [`Value`], like `serde_json::from_value`, except
//! that a struct is read only from a JSON object. serde_json would also read a struct from an
//! array of its fields in order; nothing Rubricate reads is written that way, and that second
//! path costs a copy of every struct's field-by-position reader in the wasm module.
//!
//! Everything else behaves as in `serde_json::from_value`: the same visitors, the same error type,
//! messages and checks (unknown fields, missing fields, leftover array items or map entries).

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Error, Map, Value};

/// `T` read from `value`, structs only from objects.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    T::deserialize(Objects(value))
}

/// A JSON value being read.
struct Objects(Value);

/// `deserialize_i8` … `deserialize_f64`: a number, read by serde_json's own number reader.
macro_rules! numbers {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                match self.0 {
                    Value::Number(n) => n.deserialize_any(visitor),
                    other => Err(invalid_type(&other, &visitor)),
                }
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for Objects {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visit_items(items, visitor),
            Value::Object(fields) => visit_fields(fields, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Objects(other)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(fields) => visit_fields(fields, visitor),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // The crate's enums are unit variants written as strings: serde_json's own reading.
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // The kinds the crate's types use, each taking only its own kind of value (as serde_json does),
    // so that reading a string or a number does not carry the array and object readers along.
    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(b),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visit_items(items, visitor),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(fields) => visit_fields(fields, visitor),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

fn visit_items<'de, V: Visitor<'de>>(items: Vec<Value>, visitor: V) -> Result<V::Value, Error> {
    let len = items.len();
    let mut seq = Items(items.into_iter());
    let out = visitor.visit_seq(&mut seq)?;
    if seq.0.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in array"))
    }
}

fn visit_fields<'de, V: Visitor<'de>>(fields: Map<String, Value>, visitor: V) -> Result<V::Value, Error> {
    let len = fields.len();
    let mut map = Fields { iter: fields.into_iter(), value: None };
    let out = visitor.visit_map(&mut map)?;
    if map.iter.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in map"))
    }
}

/// "invalid type: …, expected …", as serde_json words it.
fn invalid_type(value: &Value, expected: &dyn de::Expected) -> Error {
    de::Error::invalid_type(unexpected(value), expected)
}

/// What a value is, for "invalid type" errors (as serde_json names it).
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// The items of an array, each read as an [`Objects`].
struct Items(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|v| seed.deserialize(Objects(v))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of an object: keys read as strings, values as [`Objects`].
struct Fields {
    iter: <Map<String, Value> as IntoIterator>::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(IntoDeserializer::<Error>::into_deserializer(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Objects(value)),
            None => Err(de::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;
    use crate::score::ScoreRequest;

    #[test]
    fn reads_what_serde_json_reads() {
        let report = crate::Engine::new()
            .report("Q1: What is DNS?\nA1: It maps names to addresses, cached with a TTL.\n", None, None)
            .expect("report");
        let value = serde_json::to_value(&report).expect("to value");
        let ours: Report = from_value(value.clone()).expect("ours");
        let theirs: Report = serde_json::from_value(value).expect("serde_json");
        assert_eq!(ours, theirs);
        assert_eq!(ours, report);
    }

    #[test]
    fn refuses_what_serde_json_refuses_with_the_same_message() {
        for bad in [
            r#"{"question": 5}"#,
            r#"{"question": "q", "answer": ["a"]}"#,
            r#"{"question": null, "answer": {"x": 1}}"#,
            r#"{"reference": true}"#,
            r#"{"rubric": 1.5}"#,
        ] {
            let value: Value = serde_json::from_str(bad).expect("json");
            let ours = from_value::<ScoreRequest>(value.clone()).expect_err(bad).to_string();
            let theirs = serde_json::from_value::<ScoreRequest>(value).expect_err(bad).to_string();
            assert_eq!(ours, theirs, "{bad}");
        }
        let report = serde_json::to_value(
            crate::Engine::new().report("Q1: What is DNS?\nA1: Names to addresses.\n", None, None).expect("report"),
        )
        .expect("to value");
        let mut bad_reports =
            vec![serde_json::json!({"engine": "e", "candidates": 5}), serde_json::json!({"engine": 1})];
        for (path, wrong) in [
            ("/candidates/0/questions/0/score", serde_json::json!("high")),
            ("/candidates/0/questions/0/grade", serde_json::json!(-1)),
            ("/candidates/0/questions/0/grade", serde_json::json!(2.5)),
            ("/candidates/0/questions/0/number", serde_json::json!(true)),
            ("/candidates/0/questions/0/kind", serde_json::json!("nonsense")),
            ("/candidates/0/questions/0/signals", serde_json::json!([1, 2])),
            ("/candidates/0/questions/0/evidence", serde_json::json!({"a": 1})),
            ("/candidates/0/questions/0/rubric", serde_json::json!("x")),
            ("/candidates/0/overall/recommendation", serde_json::json!("maybe")),
            ("/candidates/0/hr", serde_json::Value::Null),
        ] {
            let mut r = report.clone();
            if let Some(slot) = r.pointer_mut(path) {
                *slot = wrong;
                bad_reports.push(r);
            }
        }
        assert!(bad_reports.len() >= 10, "the report has the fields the test changes");
        for value in bad_reports {
            let ours = from_value::<Report>(value.clone()).expect_err("bad report").to_string();
            assert_eq!(ours, serde_json::from_value::<Report>(value).expect_err("bad report").to_string());
        }
    }

    #[test]
    fn a_struct_is_read_only_from_an_object() {
        let value: Value = serde_json::from_str(r#"["id", "question", "answer"]"#).expect("json");
        let err = from_value::<ScoreRequest>(value).expect_err("array");
        assert!(err.to_string().starts_with("invalid type: sequence"), "{err}");
    }
}
