/** The public frame's strings (its footer), added when a public page loads: the sign-in page does not carry them. */
import { defineMessages } from '../i18n/defineMessages';
import { addPageMessages } from '../i18n/pageMessages';

addPageMessages(
  defineMessages(
    {
      publicFrame: {
        footer: {
          bureau: '市场监督管理局（质量技术监督）',
          contact: '联系方式',
          address: '地址：{{address}}',
          phone: '电话：{{phone}}',
          label: '网站链接',
          home: '信息公开首页',
          lookup: '企业信息查询',
          complaint: '投诉举报',
          note: '本网站公开的信息依法公示，如有疑问请通过投诉举报渠道反映。',
        },
      },
    },
    {
      publicFrame: {
        footer: {
          bureau: 'Administration for Market Regulation (quality and technical supervision)',
          contact: 'Contact',
          address: 'Address: {{address}}',
          phone: 'Phone: {{phone}}',
          label: 'Site links',
          home: 'Public information home',
          lookup: 'Enterprise look-up',
          complaint: 'Complaints and reports',
          note: 'The information on this site is published as the law requires; questions are welcome through the complaint form.',
        },
      },
    },
  ),
);
