"""The PRISMA 2020 flow diagram: drawn with QGraphicsScene from core's typed PRISMA flow."""
