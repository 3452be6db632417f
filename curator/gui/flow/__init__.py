"""The PRISMA 2020 flow diagram: drawn with QGraphicsScene from core's prisma_flow counts."""
