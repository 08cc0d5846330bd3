//! Values as the server sends and takes them.

use crate::store::values::text_without_nul;
use crate::store::values::ValueRef;
use postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};

type BoxError = Box<dyn std::error::Error + Sync + Send>;

/// A value as the server sends it, of whatever type the column has.
pub struct PgValue<'a>(pub ValueRef<'a>);

impl<'a> FromSql<'a> for PgValue<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(PgValue(match *ty {
            Type::INT8 => ValueRef::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => ValueRef::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => ValueRef::Int(i16::from_sql(ty, raw)?.into()),
            Type::OID => ValueRef::Int(u32::from_sql(ty, raw)?.into()),
            Type::BOOL => ValueRef::Int(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => ValueRef::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => ValueRef::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => ValueRef::Blob(raw),
            Type::JSONB => ValueRef::Text(std::str::from_utf8(raw.get(1..).unwrap_or(b""))?),
            _ => ValueRef::Text(std::str::from_utf8(raw)?),
        }))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, BoxError> {
        Ok(PgValue(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A NUMERIC (what `sum` of integers gives) as a number: whole when it
/// has no fraction.
fn numeric(raw: &[u8]) -> std::result::Result<ValueRef<'static>, BoxError> {
    let word = |i: usize| -> std::result::Result<i16, BoxError> {
        Ok(i16::from_be_bytes(
            raw.get(i..i + 2).ok_or("short NUMERIC")?.try_into()?,
        ))
    };
    let (ndigits, weight, sign, scale) = (word(0)?, word(2)?, word(4)? as u16, word(6)?);
    if sign == 0xC000 {
        return Ok(ValueRef::Real(f64::NAN));
    }
    let mut value = 0f64;
    for i in 0..ndigits as usize {
        let digit = word(8 + 2 * i)? as f64;
        value += digit * 10000f64.powi(weight as i32 - i as i32);
    }
    if sign == 0x4000 {
        value = -value;
    }
    Ok(if scale == 0 && value.abs() < 9.0e15 {
        ValueRef::Int(value as i64)
    } else {
        ValueRef::Real(value)
    })
}

/// A value bound to a parameter, converted to the type the server inferred
/// for it.
#[derive(Debug)]
pub(super) struct PgParam<'a>(pub(super) ValueRef<'a>);

impl ToSql for PgParam<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, BoxError> {
        match self.0 {
            ValueRef::Null => Ok(IsNull::Yes),
            ValueRef::Int(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(n)?.to_sql(ty, out),
                Type::BOOL => (n != 0).to_sql(ty, out),
                Type::FLOAT8 => (n as f64).to_sql(ty, out),
                Type::FLOAT4 => (n as f32).to_sql(ty, out),
                _ => n.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            ValueRef::Real(x) => match *ty {
                Type::FLOAT4 => (x as f32).to_sql(ty, out),
                _ => x.to_sql(&Type::FLOAT8, out),
            },
            ValueRef::Text(s) => match *ty {
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                Type::INT8 => s.parse::<i64>()?.to_sql(ty, out),
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(text_without_nul(s).as_bytes());
                    Ok(IsNull::No)
                }
                // PostgreSQL's text cannot hold NUL; the raw message keeps
                // the bytes as they came.
                _ => {
                    out.extend_from_slice(text_without_nul(s).as_bytes());
                    Ok(IsNull::No)
                }
            },
            ValueRef::Blob(b) => match *ty {
                Type::BYTEA => b.to_sql(ty, out),
                _ => Err(format!("bytes bound to a {ty} parameter").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}
