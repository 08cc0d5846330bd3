//! `tix unlock T…`: your lock released (another's with --force).

use crate::context::Ctx;
use crate::error::Result;

/// The same arguments as `tix lock`.
pub use super::lock::Args;

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    args.named.run(ctx, |s, t| s.unlock(t))
}
