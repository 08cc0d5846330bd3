//! The database another system runs on, read only: MySQL/MariaDB
//! (`mysql://`) or PostgreSQL (`postgres://`). Every value comes back as
//! a number, text, bytes or null, so the readers of OTRS and osTicket
//! write one query for both servers.

use crate::error::{Result, TixError};
use std::collections::HashMap;
use std::rc::Rc;

/// One value of a row.
#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Int(i64),
    Bytes(Vec<u8>),
}

/// A row, its values found by column name.
pub struct Row {
    names: Rc<HashMap<String, usize>>,
    values: Vec<Value>,
}

impl Row {
    fn value(&self, column: &str) -> &Value {
        self.names
            .get(column)
            .map(|&i| &self.values[i])
            .unwrap_or(&Value::Null)
    }

    /// Whether the query asked for `column`.
    pub fn has(&self, column: &str) -> bool {
        self.names.contains_key(column)
    }

    pub fn int(&self, column: &str) -> Option<i64> {
        match self.value(column) {
            Value::Int(i) => Some(*i),
            Value::Bytes(b) => std::str::from_utf8(b).ok()?.trim().parse().ok(),
            Value::Null => None,
        }
    }

    /// Text, with bytes that are not UTF-8 replaced (names, subjects).
    pub fn text(&self, column: &str) -> Option<String> {
        match self.value(column) {
            Value::Int(i) => Some(i.to_string()),
            Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
            Value::Null => None,
        }
    }

    pub fn bytes(&self, column: &str) -> Option<Vec<u8>> {
        match self.value(column) {
            Value::Bytes(b) => Some(b.clone()),
            Value::Int(i) => Some(i.to_string().into_bytes()),
            Value::Null => None,
        }
    }
}

enum Conn {
    Mysql(mysql::Conn),
    Postgres(Box<postgres::Client>),
}

/// A read-only connection; `shown` is its URL without a password.
pub struct Source {
    conn: Conn,
    pub shown: String,
}

/// `url` without its password, for messages and as the source's name.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

impl Source {
    pub fn open(url: &str) -> Result<Source> {
        let shown = without_password(url);
        let refused = |e: &dyn std::fmt::Display| {
            TixError::temp(format!("{shown}: cannot read the database: {e}"))
        };
        let conn = if url.starts_with("mysql://") || url.starts_with("mariadb://") {
            let url = url.replacen("mariadb://", "mysql://", 1);
            let opts = mysql::Opts::from_url(&url)
                .map_err(|e| TixError::usage(format!("{shown}: not a usable MySQL URL: {e}")))?;
            let mut c = mysql::Conn::new(opts).map_err(|e| refused(&e))?;
            use mysql::prelude::Queryable;
            // Read only, whatever the account may do; one snapshot for the run.
            c.query_drop("SET NAMES utf8mb4")
                .and_then(|()| c.query_drop("SET SESSION TRANSACTION READ ONLY"))
                .and_then(|()| {
                    c.query_drop("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")
                })
                .map_err(|e| refused(&e))?;
            Conn::Mysql(c)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut c = postgres::Client::connect(url, postgres::NoTls).map_err(|e| refused(&e))?;
            c.batch_execute(
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;
                 BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
            )
            .map_err(|e| refused(&e))?;
            Conn::Postgres(Box::new(c))
        } else {
            return Err(TixError::usage(format!(
                "{shown}: give the database as mysql://USER:PASSWORD@HOST/DB or postgres://USER@HOST/DB"
            )));
        };
        Ok(Source { conn, shown })
    }

    /// `column` as text in this server's SQL (a time, for one format).
    pub fn as_text(&self, column: &str) -> String {
        match self.conn {
            Conn::Mysql(_) => format!("CAST({column} AS CHAR)"),
            Conn::Postgres(_) => format!("CAST({column} AS TEXT)"),
        }
    }

    /// `name` quoted as an identifier (`key` is a word of MySQL's).
    pub fn quoted(&self, name: &str) -> String {
        match self.conn {
            Conn::Mysql(_) => format!("`{name}`"),
            Conn::Postgres(_) => format!("\"{name}\""),
        }
    }

    pub fn has_column(&mut self, table: &str, column: &str) -> Result<bool> {
        self.in_schema(
            "columns",
            &format!("table_name = '{table}' AND column_name = '{column}'"),
        )
    }

    pub fn has_table(&mut self, table: &str) -> Result<bool> {
        self.in_schema("tables", &format!("table_name = '{table}'"))
    }

    /// Whether information_schema's `view` has a row of the database
    /// read that meets `condition`.
    fn in_schema(&mut self, view: &str, condition: &str) -> Result<bool> {
        let schema = match self.conn {
            Conn::Mysql(_) => "DATABASE()",
            Conn::Postgres(_) => "current_schema()",
        };
        let sql = format!(
            "SELECT count(*) AS n FROM information_schema.{view} WHERE table_schema = {schema} AND {condition}"
        );
        Ok(self
            .rows(&sql)?
            .first()
            .and_then(|r| r.int("n"))
            .unwrap_or(0)
            > 0)
    }

    /// The rows of `sql` (values are inlined by the callers: ids and
    /// dates tix made, never text from elsewhere).
    pub fn rows(&mut self, sql: &str) -> Result<Vec<Row>> {
        let shown = self.shown.clone();
        let failed = |e: &dyn std::fmt::Display| {
            TixError::failure(format!(
                "{shown}: {e} (in: {})",
                sql.split_whitespace().collect::<Vec<_>>().join(" ")
            ))
        };
        match &mut self.conn {
            Conn::Mysql(c) => {
                use mysql::prelude::Queryable;
                let result: Vec<mysql::Row> = c.query(sql).map_err(|e| failed(&e))?;
                let Some(first) = result.first() else {
                    return Ok(vec![]);
                };
                let names: Rc<HashMap<String, usize>> = Rc::new(
                    first
                        .columns_ref()
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (c.name_str().to_lowercase(), i))
                        .collect(),
                );
                Ok(result
                    .into_iter()
                    .map(|row| Row {
                        names: names.clone(),
                        values: row
                            .unwrap()
                            .into_iter()
                            .map(|v| match v {
                                mysql::Value::NULL => Value::Null,
                                mysql::Value::Int(i) => Value::Int(i),
                                mysql::Value::UInt(u) => Value::Int(u as i64),
                                mysql::Value::Bytes(b) => Value::Bytes(b),
                                other => Value::Bytes(
                                    other.as_sql(true).trim_matches('\'').as_bytes().to_vec(),
                                ),
                            })
                            .collect(),
                    })
                    .collect())
            }
            Conn::Postgres(c) => {
                let result = c.query(sql, &[]).map_err(|e| failed(&e))?;
                let Some(first) = result.first() else {
                    return Ok(vec![]);
                };
                let names: Rc<HashMap<String, usize>> = Rc::new(
                    first
                        .columns()
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (c.name().to_lowercase(), i))
                        .collect(),
                );
                use postgres::types::Type;
                let mut out = Vec::with_capacity(result.len());
                for row in &result {
                    let mut values = Vec::with_capacity(row.len());
                    for (i, col) in row.columns().iter().enumerate() {
                        let t = col.type_();
                        let v = if *t == Type::INT2 {
                            row.try_get::<_, Option<i16>>(i)
                                .map(|v| v.map(i64::from))
                                .map(|v| v.map_or(Value::Null, Value::Int))
                        } else if *t == Type::INT4 {
                            row.try_get::<_, Option<i32>>(i)
                                .map(|v| v.map_or(Value::Null, |v| Value::Int(v.into())))
                        } else if *t == Type::INT8 {
                            row.try_get::<_, Option<i64>>(i)
                                .map(|v| v.map_or(Value::Null, Value::Int))
                        } else if *t == Type::BYTEA {
                            row.try_get::<_, Option<Vec<u8>>>(i)
                                .map(|v| v.map_or(Value::Null, Value::Bytes))
                        } else {
                            row.try_get::<_, Option<String>>(i)
                                .map(|v| v.map_or(Value::Null, |s| Value::Bytes(s.into_bytes())))
                        };
                        values.push(v.map_err(|e| failed(&e))?);
                    }
                    out.push(Row {
                        names: names.clone(),
                        values,
                    });
                }
                Ok(out)
            }
        }
    }
}
