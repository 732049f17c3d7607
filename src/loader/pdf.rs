//! PDF briefs: not read yet.

use super::{LoadError, SectionBuilder};
use crate::document::Meta;

pub fn parse(_bytes: &[u8], _meta: &mut Meta, _out: &mut SectionBuilder) -> Result<(), LoadError> {
    Err(LoadError::Pdf("PDF is not supported yet".into()))
}
