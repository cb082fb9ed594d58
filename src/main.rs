/// Large blocks on transparent huge pages (see [`gwlint::alloc`]).
#[global_allocator]
static ALLOCATOR: gwlint::alloc::HugePages = gwlint::alloc::HugePages;

fn main() {
    std::process::exit(gwlint::cli::run());
}
