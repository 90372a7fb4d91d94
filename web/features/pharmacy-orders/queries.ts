import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrderStatus, PharmacyOrder } from '../../../contracts/pharmacy-orders';
import { get } from '../../lib/api';

type Page = { items: PharmacyOrder[]; total: number };

/** Where each side reads orders: the patient their own, the pharmacist the active hospital's. */
export const ORDERS_PATH = { patient: '/api/shop/orders', pharmacy: '/api/pharmacy/orders' } as const;
export type OrderSide = keyof typeof ORDERS_PATH;

export const orderKey = (side: OrderSide, id: string) => ['order', side, id] as const;

export function useOrders(side: OrderSide, status: OrderStatus | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['orders', side, status, page, pageSize],
    queryFn: ({ signal }) =>
      get<Page>(ORDERS_PATH[side], { status, limit: pageSize, offset: (page - 1) * pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(side: OrderSide, id: string) {
  return useQuery({
    queryKey: orderKey(side, id),
    queryFn: ({ signal }) => get<PharmacyOrder>(`${ORDERS_PATH[side]}/${id}`, undefined, signal),
  });
}
