fn main() {
    std::process::exit(gwlint::cli::run());
}
