//! The `shortlist` program: everything happens in the library's `cli` module.

fn main() -> std::process::ExitCode {
    shortlist::cli::main()
}
