//! Values as the store's statements take and give them, the same for both
//! databases: what a parameter can be (`params![…]`), what a column can be
//! read as. The drivers' own types stay in db.rs and postgres/.

/// A value bound to a statement or read from a row, borrowed.
#[derive(Debug, Clone, Copy)]
pub enum ValueRef<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// An owned value, for statements whose parameters are collected at run
/// time (a query's filter).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// What can be bound to a statement's parameter.
pub trait ToParam {
    fn to_param(&self) -> ValueRef<'_>;
}

/// What a column can be read as.
pub trait FromColumn: Sized {
    fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String>;
}

/// Parameters for a statement: `params![a, b]`.
macro_rules! params {
    () => { &[] as &[&dyn $crate::store::values::ToParam] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::store::values::ToParam),+] as &[&dyn $crate::store::values::ToParam] };
}
pub(crate) use params;

pub type Params<'a> = &'a [&'a dyn ToParam];

/// Parameters collected at run time, as a statement takes them.
pub fn param_refs(values: &[Value]) -> Vec<&dyn ToParam> {
    values.iter().map(|v| v as &dyn ToParam).collect()
}

impl ToParam for ValueRef<'_> {
    fn to_param(&self) -> ValueRef<'_> {
        *self
    }
}
impl ToParam for Value {
    fn to_param(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Int(n) => ValueRef::Int(*n),
            Value::Real(x) => ValueRef::Real(*x),
            Value::Text(s) => ValueRef::Text(s),
            Value::Blob(b) => ValueRef::Blob(b),
        }
    }
}
macro_rules! int_param {
    ($($t:ty),+) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> ValueRef<'_> {
                ValueRef::Int(*self as i64)
            }
        }
        impl FromColumn for $t {
            fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String> {
                match v {
                    ValueRef::Int(n) => <$t>::try_from(n).map_err(|_| format!("{n} is out of range")),
                    other => Err(format!("expected a number, found {}", kind(other))),
                }
            }
        }
    )+};
}
int_param!(i64, i32, u32, u16, u8, usize, u64);

impl ToParam for bool {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Int(*self as i64)
    }
}
impl ToParam for f64 {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Real(*self)
    }
}
impl ToParam for str {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}
impl ToParam for String {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}
impl ToParam for [u8] {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}
impl ToParam for Vec<u8> {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}
impl<const N: usize> ToParam for [u8; N] {
    fn to_param(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}
impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> ValueRef<'_> {
        (**self).to_param()
    }
}
impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> ValueRef<'_> {
        match self {
            Some(v) => v.to_param(),
            None => ValueRef::Null,
        }
    }
}

pub(super) fn kind(v: ValueRef) -> &'static str {
    match v {
        ValueRef::Null => "NULL",
        ValueRef::Int(_) => "a number",
        ValueRef::Real(_) => "a real number",
        ValueRef::Text(_) => "text",
        ValueRef::Blob(_) => "bytes",
    }
}

impl FromColumn for bool {
    fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Int(n) => Ok(n != 0),
            other => Err(format!("expected a flag, found {}", kind(other))),
        }
    }
}
impl FromColumn for f64 {
    fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Real(x) => Ok(x),
            ValueRef::Int(n) => Ok(n as f64),
            other => Err(format!("expected a number, found {}", kind(other))),
        }
    }
}
impl FromColumn for String {
    fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Text(s) => Ok(s.to_string()),
            other => Err(format!("expected text, found {}", kind(other))),
        }
    }
}
impl FromColumn for Vec<u8> {
    fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            ValueRef::Text(s) => Ok(s.as_bytes().to_vec()),
            other => Err(format!("expected bytes, found {}", kind(other))),
        }
    }
}
impl<T: FromColumn> FromColumn for Option<T> {
    fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_column(v).map(Some),
        }
    }
}
impl FromColumn for Value {
    fn from_column(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        Ok(match v {
            ValueRef::Null => Value::Null,
            ValueRef::Int(n) => Value::Int(n),
            ValueRef::Real(x) => Value::Real(x),
            ValueRef::Text(s) => Value::Text(s.to_string()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        })
    }
}

/// Text as PostgreSQL can hold it: a NUL (which only a broken message
/// carries; its raw bytes keep it) becomes U+FFFD.
pub fn text_without_nul(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\0') {
        std::borrow::Cow::Owned(s.replace('\0', "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}
