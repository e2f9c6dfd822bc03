/** The public record's equipment strings, added when the section loads (see app/i18n/pageMessages). */
import { defineMessages } from '../../app/i18n/defineMessages';
import { addPageMessages } from '../../app/i18n/pageMessages';

addPageMessages(
  defineMessages(
    {
      equipment: {
        /** The ten top categories of the catalogue (特种设备目录), for records that carry codes only. */
        topCategory: {
          '1000': '锅炉',
          '2000': '压力容器',
          '3000': '电梯',
          '4000': '起重机械',
          '5000': '场（厂）内专用机动车辆',
          '6000': '大型游乐设施',
          '7000': '压力管道元件',
          '8000': '压力管道',
          '9000': '客运索道',
          F000: '安全附件',
        } as Record<string, string>,
        publicSection: {
          title: '使用的特种设备',
          category: '设备类别',
          count: '台数',
          total: '合计',
          overdue: '其中逾期未检 {{count}} 台',
          noOverdue: '无逾期未检设备',
          none: '未登记使用的特种设备',
        },
      },
    },
    {
      equipment: {
        topCategory: {
          '1000': 'Boilers',
          '2000': 'Pressure vessels',
          '3000': 'Elevators',
          '4000': 'Lifting appliances',
          '5000': 'In-plant motor vehicles',
          '6000': 'Large amusement rides',
          '7000': 'Pressure piping components',
          '8000': 'Pressure piping',
          '9000': 'Passenger ropeways',
          F000: 'Safety accessories',
        } as Record<string, string>,
        publicSection: {
          title: 'Special equipment in use',
          category: 'Category',
          count: 'Units',
          total: 'Total',
          overdue: '{{count}} overdue for inspection',
          noOverdue: 'None overdue for inspection',
          none: 'No special equipment registered',
        },
      },
    },
  ),
);
