//! Placeholder: being written.
use super::{ParseOutput, ParseProblem, YamlOptions};

pub fn parse(_text: &str, _opts: YamlOptions) -> ParseOutput {
    ParseOutput::failed(ParseProblem::whole("parser not yet implemented"))
}
