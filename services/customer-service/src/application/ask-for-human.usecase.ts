import { Injectable } from '@nestjs/common';
import { CaseType } from '@askfirst/contracts';
import { TransactionalOutbox } from '@askfirst/messaging';
import { assertOwner, Principal } from '@askfirst/platform';
import { CaseErrorCode, CaseRuleError } from '../domain/case.errors';
import { CaseRepository } from '../infrastructure/case.repository';
import { OrderProjectionRepository } from '../infrastructure/order-projection.repository';
import { CaseStatusView } from './case-status.model';
import { OpenCaseUseCase } from './open-case.usecase';

export interface AskForHumanCommand {
  orderId: string;
  message?: string;
}

/** I5: a shopper asks for a human about one of their orders, in one call; asking again returns the same case. */
@Injectable()
export class AskForHumanUseCase {
  constructor(
    private readonly outbox: TransactionalOutbox,
    private readonly orders: OrderProjectionRepository,
    private readonly cases: CaseRepository,
    private readonly openCase: OpenCaseUseCase,
  ) {}

  execute(shopper: Principal, command: AskForHumanCommand): Promise<CaseStatusView & { created: boolean }> {
    return this.outbox.run(async (tx) => {
      const order = await this.orders.find(tx.manager, command.orderId);
      if (!order) {
        throw new CaseRuleError(CaseErrorCode.ORDER_NOT_FOUND, 'not-found', `Order ${command.orderId} is not known here (yet).`);
      }
      assertOwner(shopper, order.shopperId);
      const opened = await this.openCase.execute(tx, {
        orderId: order.orderId,
        shopperId: order.shopperId,
        type: CaseType.SHOPPER_ASKED_FOR_HUMAN,
        subject: command.message,
      });
      return { ...opened, queuePosition: await this.cases.queuePosition(tx.manager, opened.case) };
    });
  }
}
