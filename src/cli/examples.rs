//! Two or three real examples at the end of each subcommand's `--help` (and in the manual),
//! quoted as a shell needs them.

/// Each subcommand's examples, by its name.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "init",
        "shortlist init --empty ~/kol\nshortlist init --git ~/kol\nshortlist init ~/try-the-sample",
    ),
    (
        "search",
        "shortlist search '美妝 platform:ig followers:10k..50k'\nshortlist search 'coffee er:>3 -kind:celebrity' --sort engagement\nshortlist search niche:travel --format vcf > travel.vcf",
    ),
    (
        "check",
        "shortlist check\nshortlist check ~/kol/creators.toml",
    ),
    (
        "campaign",
        "shortlist campaign list\nshortlist campaign new spring-tea --name '春茶 Spring tea' --brand 'Leaf & Co' --starts +10\nshortlist campaign edit spring-tea --budget 200000 --template invite-zh-TW",
    ),
    (
        "add",
        "shortlist add spring-tea sarsa coffee-daily\nshortlist add spring 莎莎 @ken.barista",
    ),
    (
        "stage",
        "shortlist stage spring-tea sarsa contacted --note 'invitation sent' --follow-up +3\nshortlist stage spring-tea sarsa contracted --fee 30000",
    ),
    (
        "pipeline",
        "shortlist pipeline spring-tea\nshortlist pipeline spring-tea --format csv --bom > spring.csv",
    ),
    (
        "due",
        "shortlist due\nshortlist due --ahead 7 --format ics > agenda.ics",
    ),
    (
        "export",
        "shortlist export spring-tea --dry-run\nshortlist export spring-tea --format mbox --mark-contacted\nshortlist export --due --send",
    ),
    (
        "import",
        "shortlist import kols.csv --dry-run\nshortlist import 名單.xlsx --sheet 'KOL 名單'\nshortlist import kols.csv --map 'IG帳號=handle'",
    ),
    (
        "report",
        "shortlist report spring-tea\nshortlist report spring-tea --format html --out report.html",
    ),
    (
        "replies",
        "shortlist replies ~/Mail/INBOX\nshortlist replies ~/mail/lumi.mbox --dry-run",
    ),
    (
        "remove",
        "shortlist remove spring-tea coffee-daily\nshortlist remove spring-tea sarsa --force",
    ),
    (
        "creator",
        "shortlist creator sarsa\nshortlist creator sarsa --format json",
    ),
    (
        "contract",
        "shortlist contract spring-tea sarsa --signed 2026-11-20 --usage organic,ads --usage-until 2027-05-20",
    ),
    (
        "ship",
        "shortlist ship spring-tea sarsa --sent today --carrier 黑貓 --tracking 9012-3456",
    ),
    (
        "deliverable",
        "shortlist deliverable spring-tea sarsa ig-reel --platform ig --post-by 2026-12-15",
    ),
    (
        "review",
        "shortlist review spring-tea sarsa ig-reel draft approved\nshortlist review spring-tea sarsa ig-reel script changes --note 'mention the price'",
    ),
    (
        "posted",
        "shortlist posted spring-tea sarsa ig-reel https://www.instagram.com/reel/abc/",
    ),
    (
        "live",
        "shortlist live spring-tea sarsa ig-reel\nshortlist live spring-tea sarsa ig-reel --removed",
    ),
    (
        "results",
        "shortlist results spring-tea sarsa ig-reel --views 52000 --likes 3100 --comments 120",
    ),
    (
        "payment",
        "shortlist payment spring-tea sarsa 15000 --kind deposit --due +7",
    ),
    ("paid", "shortlist paid spring-tea sarsa deposit --on today"),
];

/// The command line with each subcommand's examples after its help.
pub fn with_examples(mut command: clap::Command) -> clap::Command {
    for (name, examples) in EXAMPLES {
        let text = format!(
            "Examples:\n{}",
            examples
                .lines()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        command = command.mut_subcommand(*name, |c| {
            if c.get_after_help().is_some() {
                c
            } else {
                c.after_help(text)
            }
        });
    }
    command
}
