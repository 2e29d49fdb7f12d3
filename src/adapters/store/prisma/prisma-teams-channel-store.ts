import type {
  ChannelChoice,
  ChannelPurpose,
  TeamsChannel,
  TeamsChannelStore,
} from "../../staff-chat/teams/teams-channel-store.js";
import type { Prisma, PrismaClient } from "./generated/client.js";

type ChannelRow = Prisma.TeamsChannelGetPayload<object>;

function toChannel(row: ChannelRow): TeamsChannel {
  return {
    id: row.id,
    teamId: row.teamId,
    teamName: row.teamName ?? undefined,
    name: row.name ?? undefined,
    tenantId: row.tenantId ?? undefined,
    reference: row.reference as TeamsChannel["reference"],
  };
}

/** Teams channels and channel choices in the same database as everything else. */
export class PrismaTeamsChannelStore implements TeamsChannelStore {
  constructor(private readonly prisma: PrismaClient) {}

  async saveChannels(channels: TeamsChannel[]): Promise<void> {
    for (const c of channels) {
      // A message's channelData often lacks the names an install event had: keep what is known.
      const data = {
        teamId: c.teamId,
        teamName: c.teamName,
        name: c.name,
        tenantId: c.tenantId,
        reference: c.reference as Prisma.InputJsonValue,
      };
      await this.prisma.teamsChannel.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
    }
  }

  async getChannel(channelId: string): Promise<TeamsChannel | undefined> {
    const row = await this.prisma.teamsChannel.findUnique({ where: { id: channelId } });
    return row ? toChannel(row) : undefined;
  }

  async choose(choice: ChannelChoice): Promise<void> {
    const data = {
      channelId: choice.channelId,
      chosenById: choice.chosenBy.id,
      chosenByName: choice.chosenBy.name,
      chosenAt: new Date(),
    };
    await this.prisma.teamsChannelChoice.upsert({
      where: { dealershipId_purpose: { dealershipId: choice.dealershipId, purpose: choice.purpose } },
      create: { dealershipId: choice.dealershipId, purpose: choice.purpose, ...data },
      update: data,
    });
  }

  async chosenChannel(dealershipId: string, purposes: ChannelPurpose[]): Promise<TeamsChannel | undefined> {
    const choices = await this.prisma.teamsChannelChoice.findMany({
      where: { dealershipId, purpose: { in: purposes } },
    });
    for (const purpose of purposes) {
      const choice = choices.find((c) => c.purpose === purpose);
      const channel = choice && (await this.getChannel(choice.channelId));
      if (channel) return channel;
    }
    return undefined;
  }
}
