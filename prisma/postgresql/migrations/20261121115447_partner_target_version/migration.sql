-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Target" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
