"""The PRISMA 2020 flow: counted once from the review as a typed model, its checks and template."""
